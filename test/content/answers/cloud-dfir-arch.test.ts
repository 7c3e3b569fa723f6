/**
 * Hand-written answers for the cloud, detection and response, and architecture packs, with the
 * key points a fair grader would credit (see ai-and-appsec.test.ts).
 */
import { describe } from 'vitest';
import { expectCredits } from './expect-credits.ts';

describe('cloud-leaked-access-key', () => {
  expectCredits(
    'strong answer in other words',
    'cloud-leaked-access-key',
    `Forty minutes is forever: bots scrape GitHub within minutes, so I treat the key as compromised.
    Step one, disable the key and revoke any sessions it issued. Then pull CloudTrail for that access
    key ID, before and after the push: source IPs, user agents, GetCallerIdentity recon, what data
    was read. Hunt for persistence: new users or access keys, trust policy changes, miners in regions
    we never use. Give the app a replacement credential and rotate the database passwords the key
    could read. I open an incident, preserve the logs and pull in legal if data left. Finally turn on
    push protection and move the workload to OIDC so there is no static key at all.`,
    [
      'deactivate',
      'assume-compromised',
      'scope-audit-trail',
      'persistence-impact',
      'rotate-restore',
      'prevent-recurrence',
      'incident-process',
    ],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'cloud-leaked-access-key',
    'Force push to remove the file from history, make the repo private, then deactivate the key.',
    ['deactivate'],
    ['make the repo private', 'force push', 'remove the file'],
  );
  expectCredits(
    'answer with typos',
    'cloud-leaked-access-key',
    'Deactivte the key, search CloudTrial for its API calls, look for persistance, then enable secert scanning.',
    ['deactivate', 'scope-audit-trail', 'persistence-impact', 'prevent-recurrence'],
  );
});

describe('cloud-kms-envelope-encryption', () => {
  expectCredits(
    'strong answer in other words',
    'cloud-kms-envelope-encryption',
    `Each object gets its own data key from GenerateDataKey; the root key never leaves the HSM and
    only wraps that DEK, which sits beside the ciphertext. Who can read is really who may call
    kms:Decrypt under the key policy and grants, with encryption context and key admins separate
    from key users. CloudTrail records every KMS call, and per-tenant keys give you crypto-shredding.
    Automatic rotation adds new key material but does not re-encrypt old data. BYOK means importing
    key material you generated: you gain provenance and escrow, not exclusivity. HYOK with an
    external key store lets you refuse access, at the price of latency and availability coupling.
    Pick by threat model: sovereignty and lawful access, not an attacker with your IAM creds.`,
    ['envelope', 'key-policy', 'audit-blast-radius', 'rotation', 'byok', 'hyok', 'threat-model'],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'cloud-kms-envelope-encryption',
    'Everything is encrypted at rest with AES-256, and BYOK lets us bring our own key.',
    ['byok'],
    ['AES-256', 'encrypted at rest'],
  );
  expectCredits(
    'answer with typos',
    'cloud-kms-envelope-encryption',
    'Envelop encryption: a data key wraped by the KEK; access via the key polciy; automatic rotaton.',
    ['envelope', 'key-policy', 'rotation'],
  );
});

describe('cloud-workload-identity-federation', () => {
  expectCredits(
    'strong answer in other words',
    'cloud-workload-identity-federation',
    `Each pipeline run gets a signed JWT from the CI's OpenID Connect issuer, and the cloud swaps it
    through AssumeRoleWithWebIdentity for temporary credentials, so there is nothing to leak. The
    trust policy must pin the audience and the sub claim to the repo and the prod environment. The
    classic mistakes are a wildcard subject or trusting any repository in the org, and letting forks
    or pull requests assume a deploy role. Keep separate roles per environment, a read-only plan role
    and protected environments with required reviewers. Run both side by side, check last-used on the
    old key, delete the access key, and alert on role assumptions from unexpected subjects.`,
    [
      'mechanism',
      'no-static-secret',
      'claim-conditions',
      'trust-misconfig',
      'scoped-roles',
      'migrate-cleanup',
    ],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'cloud-workload-identity-federation',
    'Store it in Vault and rotate the key monthly; OIDC would be nicer later.',
    ['mechanism'],
    ['store it in vault', 'rotate monthly', 'rotate the key'],
  );
  expectCredits(
    'answer with typos',
    'cloud-workload-identity-federation',
    'Use OIDC with short-lived credentails, condition on the subjetc claim, and no wildcrad subject.',
    ['mechanism', 'no-static-secret', 'claim-conditions', 'trust-misconfig'],
  );
});

describe('dfir-ransomware-first-hour', () => {
  expectCredits(
    'strong answer in other words',
    'dfir-ransomware-first-hour',
    `I declare a major incident, take the incident commander role or hand it off, and call our IR
    retainer, counsel and the insurer on an out-of-band channel. EDR network containment on the
    affected servers, block SMB between segments, and I do not pull power. Check the backup server is
    cut off and that immutable copies exist. Assume they hold domain admin: disable the accounts
    pushing the binary and plan a krbtgt reset. Grab a memory dump from two hosts and keep the ransom
    note and samples to find patient zero. Hunt for PsExec or GPO deployment and exfiltration, since
    double extortion is the norm. Paying the ransom or calling the FBI is a business decision; I give
    them the facts.`,
    [
      'declare-mobilise',
      'isolate',
      'backups',
      'identity',
      'evidence',
      'scope-exfil',
      'business-decisions',
    ],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'dfir-ransomware-first-hour',
    'Shut everything down immediately, then wipe and rebuild every machine that shows the note.',
    [],
    ['shut everything down', 'wipe and rebuild'],
  );
  expectCredits(
    'answer with typos',
    'dfir-ransomware-first-hour',
    'Isolate the afected hosts, protect the backpus, reset krbtgt, and look for exfiltraton.',
    ['isolate', 'backups', 'identity', 'scope-exfil'],
  );
});

describe('dfir-windows-lateral-movement', () => {
  expectCredits(
    'strong answer in other words',
    'dfir-windows-lateral-movement',
    `Start with 4624 and the logon type: 3 for SMB, PsExec and WMI, 10 for RDP, plus 4648 for explicit
    credentials. On the target, 7045 service installs, 4698 scheduled tasks and 4688 process creation
    with command lines. On the DCs, 4768 and 4769 for Kerberos tickets. Kerberoasting is one account
    asking for tickets to many SPNs with RC4; a honey account catches it. Pass the hash is NTLM network
    logons for an admin who normally uses Kerberos, with LSASS access on the source. Baseline who logs
    on where and flag workstation to workstation admin logons. None of it works without the right
    audit policy and central collection, and watch for 1102 log clears.`,
    [
      'logon-types',
      'execution-artifacts',
      'kerberos-events',
      'kerberoasting',
      'pass-the-hash',
      'baseline-graph',
      'audit-policy',
    ],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'dfir-windows-lateral-movement',
    'Alert on failed logons and brute force, and on mimikatz. Kerberoasting is a big one too.',
    ['kerberoasting'],
    // "logins" and "logons" are one neighbouring-key slip apart, so both markers match.
    ['failed logins', 'failed logons', 'brute force'],
  );
  expectCredits(
    'answer with typos',
    'dfir-windows-lateral-movement',
    'Look at 4624 logon types, pass-the-hash over NTLM from unusal sources, and kerberosting with RC4.',
    ['logon-types', 'kerberoasting', 'pass-the-hash', 'baseline-graph'],
  );
});

describe('dfir-order-of-volatility', () => {
  expectCredits(
    'strong answer in other words',
    'dfir-order-of-volatility',
    `Go from the most volatile data to the least, per RFC 3227. Take a memory image first with
    WinPmem or AVML and note the network connections and running processes. Run trusted binaries from
    a USB drive and write output off the box, so my footprint stays small. Hash everything with
    SHA-256 at acquisition and verify each copy. Keep a chain of custody form for every hand-off.
    Take contemporaneous notes in UTC, and ask legal early whether this could end up in court.`,
    [
      'order-of-volatility',
      'memory-first',
      'footprint',
      'integrity',
      'chain-of-custody',
      'documentation',
    ],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'dfir-order-of-volatility',
    'Pull the plug so it stops spreading, then image the disk and keep a chain of custody.',
    ['chain-of-custody'],
    ['pull the plug'],
  );
  expectCredits(
    'answer with typos',
    'dfir-order-of-volatility',
    'Follow the order of volatilty, do a memmory dump first, hash it with SHA-256 and keep the chian of custody.',
    ['order-of-volatility', 'memory-first', 'integrity', 'chain-of-custody'],
  );
});

describe('arch-authz-models', () => {
  expectCredits(
    'strong answer in other words',
    'arch-authz-models',
    `Role-based access is easy to audit but explodes into hundreds of roles once access depends on
    the object. Attribute-based policies over department, classification or device are expressive but
    hard to reason about. Sharing with nested folders is a graph, so relationship-based access in the
    style of Google's Zanzibar paper fits, with SpiceDB or OpenFGA. I'd build a hybrid: org roles as
    relations plus a few attribute conditions. Decisions live in one policy engine such as Cedar or
    OPA, enforced in every service. Watch latency with decision caching, handle the new enemy problem,
    and fail closed. Listing what a user can see needs reverse lookups, not post-filtering.`,
    ['rbac', 'abac', 'rebac', 'hybrid', 'central-policy', 'operational', 'list-filtering'],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'arch-authz-models',
    'Just use roles: an isAdmin flag plus editor and viewer, which is RBAC and good enough.',
    ['rbac'],
    ['just use roles', 'isAdmin'],
  );
  expectCredits(
    'answer with typos',
    'arch-authz-models',
    'RBAC leads to role exlposion; ABAC uses atributes; ReBAC via Zanzibr; centralise in a polcy engine.',
    ['rbac', 'abac', 'rebac', 'central-policy'],
  );
});

describe('arch-crypto-standards', () => {
  expectCredits(
    'strong answer in other words',
    'arch-crypto-standards',
    `TLS 1.3 everywhere and mutual TLS between services via the mesh. Data at rest gets authenticated
    encryption, AES-GCM or ChaCha20-Poly1305, never reusing a nonce. Passwords go through Argon2id.
    Nobody rolls their own crypto: engineers use Tink or libsodium, and MD5, DES and ECB are banned.
    We keep a cryptographic inventory and version ciphertexts so algorithms can change. For quantum,
    harvest now decrypt later is already a risk, so plan hybrid key exchange with ML-KEM.`,
    ['tls13', 'aead', 'passwords', 'no-homegrown', 'agility', 'post-quantum'],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'arch-crypto-standards',
    'AES-256 everywhere, RSA 4096 for keys, and quantum computers are years away.',
    [],
    ['AES-256 everywhere', 'RSA 4096', 'years away'],
  );
  expectCredits(
    'answer with typos',
    'arch-crypto-standards',
    'Use TLS 1.3 with mTLS, AES-GCM for data, bcrpyt for passwords and keep crypto agilty.',
    ['tls13', 'aead', 'passwords', 'agility'],
  );
});
