"""How a former district is named after 1/7/2025, said once for the upload messages and the pages."""


def former_area(district: str) -> str:
    """'huyện Văn Quan cũ', but 'Thành phố Lạng Sơn cũ': a former city is not called a district."""
    return f"{district} cũ" if district.startswith("Thành phố") else f"huyện {district} cũ"
