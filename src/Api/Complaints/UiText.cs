namespace Monitoring.Api.Complaints;

/// <summary>The texts of the complaints pages (UiText.resx Russian, .kk Kazakh, .en English; written with scripts/ui-text.py).</summary>
public sealed class UiText;
