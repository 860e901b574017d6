namespace Monitoring.Api.Methodology;

/// <summary>The methodology pages' texts (UiText.resx Russian, .kk, .en).</summary>
public sealed class UiText;
