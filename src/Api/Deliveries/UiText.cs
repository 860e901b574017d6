namespace Monitoring.Api.Deliveries;

/// <summary>The texts of the deliveries pages (UiText.resx Russian, .kk Kazakh, .en English; written with scripts/ui-text.py).</summary>
public sealed class UiText;
