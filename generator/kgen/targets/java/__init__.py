"""The Java target: a Maven project over java.net.http and jackson-core."""
