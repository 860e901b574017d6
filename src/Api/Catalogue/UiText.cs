namespace Monitoring.Api.Catalogue;

/// <summary>The catalogue pages' texts (UiText.resx Russian, .kk, .en).</summary>
public sealed class UiText;
