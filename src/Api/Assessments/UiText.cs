namespace Monitoring.Api.Assessments;

/// <summary>The texts of the assessment pages (UiText.resx Russian, .kk Kazakh, .en English; written with scripts/ui-text.py).</summary>
public sealed class UiText;
