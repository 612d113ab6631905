"""Party-cell thematic meetings (W10): plans by quarter, materials, minutes, reporting up."""
