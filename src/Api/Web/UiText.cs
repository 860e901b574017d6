namespace Monitoring.Api.Web;

/// <summary>The texts the pages share (layout, sign-in, tables, charts): <c>UiText.resx</c> is Russian, the neutral
/// language; <c>UiText.kk.resx</c> and <c>UiText.en.resx</c> hold the same keys (checked by the tests). Each capability
/// folder has a <c>UiText</c> of its own for its pages.</summary>
public sealed class UiText;
