"""The home page and other pages every signed-in user sees."""
