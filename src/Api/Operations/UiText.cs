namespace Monitoring.Api.Operations;

/// <summary>The operations pages' texts (UiText.resx Russian, .kk, .en).</summary>
public sealed class UiText;
