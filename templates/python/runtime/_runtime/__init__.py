# kgen:header
"""The runtime of the generated client: models, transport, configuration."""
