"""Heart to Heart: an Alexa skill that helps couples build emotional intimacy."""
