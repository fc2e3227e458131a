-- Whether any commune (before or after 1/7/2025) has a figure of this indicator: only then can the
-- former districts' areas have a roll-up to draw, so the trend page asks this before the roll-up views.
-- params: indicator_code VARCHAR
-- columns: reported
SELECT EXISTS (SELECT 1 FROM facts_current f JOIN districts d ON d.name = f.district
               WHERE f.indicator_code = $indicator_code AND d.unit_level IN ('commune', 'commune_2025')) AS reported;
