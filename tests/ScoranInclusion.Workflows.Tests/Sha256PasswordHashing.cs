using System.Security.Cryptography;
using System.Text;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Workflows.Tests;

/// <summary>A plain SHA-256 stands for the server's PBKDF2 (Server/Security/IdentityPasswordHashing): these suites test the workflows' writes, not hashing.</summary>
internal sealed class Sha256PasswordHashing : IPasswordHashing
{
    public string Hash(string password) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    public PasswordCheck Verify(string hash, string password) => hash == Hash(password) ? PasswordCheck.Success : PasswordCheck.Failed;

    public void VerifyNothing(string password) => Hash(password);
}
