"""kgen: typed client generator for Kubernetes-style Swagger 2.0 APIs."""

__version__ = "0.1.0"
