// The namespaces most files of this project use, once for all (as the SDK's implicit usings do for System.*).
global using Marten;
global using Monitoring.Api.Auth;
global using Monitoring.Api.Common;
global using Monitoring.Application.Catalogue;
global using Monitoring.Application.Common;
global using Monitoring.Application.Complaints;
global using Monitoring.Application.Journal;
global using Monitoring.Application.Surveys.Import;
global using Monitoring.Domain.Catalogue;
global using Monitoring.Domain.Common;
global using Monitoring.Domain.Methodology;
global using Monitoring.Projections.Assessments;
global using Monitoring.Projections.Journal;
global using System.Security.Claims;
global using System.Text;
global using System.Text.Json;
global using Wolverine;
