"""House style: an organisation's name, logo, colours, fonts and footer, from one small file.

``load_brand(path_or_None, dataset_folder)`` gives the ``Brand`` that applies: the file named with
``--brand``, else ``brand.yaml`` beside the dataset, else sebrief's own look (every output as
without a house style). The renderers read only the resolved ``Brand``.
"""

from __future__ import annotations

from sebrief.brand.load import BRAND_FILE, BrandError, brand_file, load_brand
from sebrief.brand.model import Brand, Logo

__all__ = ["BRAND_FILE", "Brand", "BrandError", "Logo", "brand_file", "load_brand"]
