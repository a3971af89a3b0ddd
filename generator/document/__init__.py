"""The one ND30 document model every kind is written into, and what belongs to it alone.

``model`` holds the parts of an administrative document (header, title, Kính gửi, căn cứ, body
blocks, signature chain, Nơi nhận, annexes); ``signature`` the rules of the authority lines;
``table`` body tables. Nothing here imports pydantic, forms, kinds or the renderer.
"""
