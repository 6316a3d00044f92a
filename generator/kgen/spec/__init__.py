"""A typed, closed-world model of the Swagger 2.0 subset that kgen supports."""
