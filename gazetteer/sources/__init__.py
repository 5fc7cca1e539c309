"""Optional sources of places beyond cities500: GeoNames dumps, and an opt-in online geocoder."""
