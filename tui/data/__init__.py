"""What the app keeps between runs."""
