"""Images page: not built yet; says what it will do."""

from ui import placeholder

placeholder.render("nav.images", "coming.images", "🖼️")
