// The namespaces most files of this project use, once for all (as the SDK's implicit usings do for System.*).
global using FluentValidation;
global using JasperFx;
global using Marten;
global using Monitoring.Application.Auth;
global using Monitoring.Application.Catalogue;
global using Monitoring.Application.Common;
global using Monitoring.Domain.Assessments;
global using Monitoring.Domain.Catalogue;
global using Monitoring.Domain.Common;
global using Monitoring.Domain.Complaints;
global using Monitoring.Domain.Inspections;
global using Monitoring.Domain.Surveys;
global using System.Text.Json.Serialization;
global using Wolverine.Marten;
global using Wolverine;
