using Monitoring.Domain.Catalogue;

namespace Monitoring.Api.Catalogue;

// Request bodies for the catalogue's change endpoints: the code comes from the route.

public sealed record RenameRequest(string NameRu, string? NameKk, DateOnly EffectiveFrom, string Reason, long? ExpectedVersion);

public sealed record ReparentRequest(string? ParentCode, DateOnly EffectiveFrom, string Reason, long? ExpectedVersion);

public sealed record RetireRequest(DateOnly RetiredOn, string Reason, long? ExpectedVersion);

public sealed record ChangePassportRequest(ServicePassport Passport, string Reason, long? ExpectedVersion);
