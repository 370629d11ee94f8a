using Microsoft.AspNetCore.Identity;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Server.Security;

/// <summary>
/// ASP.NET Core Identity's PBKDF2 hasher (its v3 format, <c>AQAAAA…</c>) behind the workflows' interface.
/// The hasher itself stays a service of its own, so that it can be replaced (the tests count its work).
/// </summary>
internal sealed class IdentityPasswordHashing(IPasswordHasher<AccountEntity> hasher) : IPasswordHashing
{
    // Verified against when there is no password to check, so that the answer costs what a real check costs.
    private static readonly string s_dummyHash = new PasswordHasher<AccountEntity>().HashPassword(new AccountEntity(), "pas-un-vrai-mot-de-passe");

    public string Hash(string password) => hasher.HashPassword(new AccountEntity(), password);

    public PasswordCheck Verify(string hash, string password) => hasher.VerifyHashedPassword(new AccountEntity(), hash, password) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Success,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
        _ => PasswordCheck.Failed,
    };

    public void VerifyNothing(string password) => hasher.VerifyHashedPassword(new AccountEntity(), s_dummyHash, password);
}
