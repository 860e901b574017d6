// The namespaces most files of this project use, once for all (as the SDK's implicit usings do for System.*).
global using Monitoring.Domain.Catalogue;
global using Monitoring.Domain.Common;
global using Monitoring.Domain.Methodology;
global using System.Globalization;
global using System.Security.Cryptography;
global using System.Text;
