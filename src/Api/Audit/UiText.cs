namespace Monitoring.Api.Audit;

/// <summary>The texts of the audit pages (UiText.resx Russian, .kk Kazakh, .en English; written with scripts/ui-text.py).</summary>
public sealed class UiText;
