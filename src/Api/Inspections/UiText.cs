namespace Monitoring.Api.Inspections;

/// <summary>The texts of the inspections pages (UiText.resx Russian, .kk Kazakh, .en English; written with scripts/ui-text.py).</summary>
public sealed class UiText;
