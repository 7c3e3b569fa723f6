/**
 * Hand-written answers, as members would post them, with the key points a fair grader would
 * credit. Strong answers avoid the framework's wording; partial ones cover a few points;
 * the typo versions keep realistic slips.
 */
import { describe } from 'vitest';
import { expectCredits } from './expect-credits.ts';

describe('aisec-prompt-injection-unsolved', () => {
  expectCredits(
    'strong answer in other words',
    'aisec-prompt-injection-unsolved',
    `The model sees the system prompt, the user's message and whatever documents we fetch as one
    token stream, so nothing tells it which part is a command and which is content. SQL injection
    got a structural fix with prepared statements, where values travel separately from the query;
    an LLM has no equivalent because obeying text is the product. Classifiers, delimiters and
    instruction hierarchy all help but they are probabilistic and people keep bypassing them. It
    gets worse once the assistant reads web pages or emails: hidden instructions in that content
    work without the attacker ever talking to us. So I assume injection will succeed and shrink the
    blast radius: least privilege for every tool, model output handled as untrusted, human approval
    before anything irreversible. Then defence in depth and continuous red team runs that track
    attack success rate from release to release.`,
    [
      'one-channel',
      'no-parameterisation',
      'heuristic-defences',
      'indirect',
      'containment',
      'layered-testing',
    ],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'aisec-prompt-injection-unsolved',
    `The LLM can't tell our instructions from the user's text because everything lands in the same
    context window. Attackers can also hide instructions in a web page the bot summarises, which is
    indirect prompt injection. I would write a stronger system prompt telling the model to refuse.`,
    ['one-channel', 'indirect'],
    ['stronger system prompt'],
  );
  expectCredits(
    'answer with typos',
    'aisec-prompt-injection-unsolved',
    `Instrutcions and data share a singel channel. We have nothing like paramaterized queries for
    LLMs. Every filter is probabilistc and gets bypased, so contain the blast radious: treat output
    as untrusted and keep least privelege on tools.`,
    ['one-channel', 'no-parameterisation', 'heuristic-defences', 'containment'],
  );
});

describe('aisec-vetting-hub-models', () => {
  expectCredits(
    'strong answer in other words',
    'aisec-vetting-hub-models',
    `First, who published it: a verified organisation with a history and a proper model card, not a
    lookalike repo. Most checkpoints are pickle files, and unpickling runs arbitrary code, so I scan
    with picklescan and only load safetensors, with trust_remote_code left off. I'd look for a
    backdoor using activation clustering or Neural Cleanse, accepting it is imperfect. I want to know
    the dataset provenance and licence terms. Then we evaluate on our own domain data with adversarial
    testing instead of trusting leaderboard numbers. Finally we pin the commit hash, record the
    SHA-256 and serve it from an internal mirror.`,
    [
      'publisher',
      'pickle-risk',
      'safe-formats',
      'backdoor-scan',
      'data-provenance',
      'domain-testing',
      'pin-and-hash',
    ],
  );
  expectCredits(
    'partial answer',
    'aisec-vetting-hub-models',
    `I'd pick the most popular checkpoint, but convert it to safetensors first, because loading
    pickle can execute code.`,
    ['pickle-risk', 'safe-formats'],
    ['most popular'],
  );
  expectCredits(
    'answer with typos',
    'aisec-vetting-hub-models',
    `Check the publsher reputation and the model crad, scan for a backdor, and pin the verison with a
    checksum in an internal regsitry.`,
    ['publisher', 'backdoor-scan', 'pin-and-hash'],
  );
});

describe('aisec-differential-privacy', () => {
  expectCredits(
    'strong answer in other words',
    'aisec-differential-privacy',
    `DP is a mathematical guarantee: the trained model should look almost the same whether or not any
    one record was in the training set. In practice you train with DP-SGD: clip per-example gradients
    and add Gaussian noise, while an accountant keeps track of the spend. Epsilon is the privacy
    budget; the lower it is the stronger privacy gets, and you pay in accuracy, especially on rare
    classes. What it buys you is a bound on membership inference. Opacus makes it practical, and
    private fine-tuning of a publicly pretrained model keeps most of the utility.`,
    ['guarantee', 'dp-sgd', 'epsilon', 'trade-off', 'what-it-defends', 'in-practice'],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'aisec-differential-privacy',
    'You anonymise the data and add random noise so nobody can be re-identified; epsilon controls how much.',
    ['epsilon'],
    // Both spellings of the marker are listed in the pack, and both match either spelling.
    ['anonymise the data', 'anonymize the data', 'add random noise'],
  );
  expectCredits(
    'answer with typos',
    'aisec-differential-privacy',
    `Epsilonn is the privacy budjet. DP-SGD uses graident clipping plus guassian noise, and it limits
    membership inferense attacks.`,
    ['dp-sgd', 'epsilon', 'what-it-defends'],
  );
});

describe('appsec-sqli-parameterised-queries', () => {
  expectCredits(
    'strong answer in other words',
    'appsec-sqli-parameterised-queries',
    `The bug is string concatenation: user text becomes part of the SQL the parser reads, so it can
    change the query structure. A prepared statement sends the query with placeholders first and the
    values separately, so they can never turn into syntax. Escaping is error-prone: multi-byte
    charsets and numeric contexts without quotes break it. Placeholders cannot stand in for a table
    name or the ORDER BY column, so map those through an allowlist. ORMs are not magic either: raw SQL
    helpers and stored procedures building dynamic SQL are still injectable. And run it under a
    least-privilege database account with a Semgrep rule in CI.`,
    [
      'root-cause',
      'bound-parameters',
      'escaping-fragile',
      'identifiers',
      'orm-and-procedures',
      'layered-controls',
    ],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'appsec-sqli-parameterised-queries',
    'Use bind parameters where you can; otherwise escape the quotes and let the WAF block UNION.',
    ['bound-parameters'],
    ['escape the quotes', 'WAF will block'],
  );
  expectCredits(
    'answer with typos',
    'appsec-sqli-parameterised-queries',
    `Concatenting strings lets input change the querry structure; use a prepared statment, and an
    allowlsit for the colum name when sorting.`,
    ['root-cause', 'bound-parameters', 'identifiers'],
  );
});

describe('appsec-password-storage', () => {
  expectCredits(
    'strong answer in other words',
    'appsec-password-storage',
    `Hash with Argon2id (bcrypt is acceptable), each password with its own random salt so rainbow
    tables are useless, and set the memory cost and iterations after a benchmark on our servers. For
    the SHA-1 table, wrap the existing hashes right away as Argon2id over the SHA-1 value, then rehash
    on each user's next login and force a password reset for dormant accounts. Keep a pepper in the
    HSM and compare in constant time. Policy: allow long passphrases and screen them against HIBP
    instead of composition rules.`,
    [
      'password-hashing-function',
      'unique-salt',
      'tuned-parameters',
      'legacy-migration',
      'pepper-pitfalls',
      'password-policy',
    ],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'appsec-password-storage',
    'Use salted SHA-256, it is a secure hash, and make users change passwords when they next log in.',
    [],
    ['salted SHA-256', 'SHA-256 with a salt', 'secure hash'],
  );
  expectCredits(
    'answer with typos',
    'appsec-password-storage',
    'Use bcyrpt with a uniqe salt and a high work factr, and migarte the old SHA-1 hashes.',
    ['password-hashing-function', 'unique-salt', 'tuned-parameters', 'legacy-migration'],
  );
});

describe('appsec-ssrf-cloud-metadata', () => {
  expectCredits(
    'strong answer in other words',
    'appsec-ssrf-cloud-metadata',
    `That's SSRF. On EC2 the attacker asks for 169.254.169.254 and gets the instance role
    credentials, the Capital One story. The box can also hit internal services like Redis or the
    Kubernetes API, and blind SSRF still lets them port scan. Fix: an allowlist of hosts, or resolve
    the name, reject private and link-local ranges and connect to the checked IP to beat DNS
    rebinding. Don't follow redirects, allow only https, and never return the raw response. Require
    IMDSv2 with a hop limit of one, and push previews through an egress proxy with a least-privilege
    role.`,
    [
      'metadata-credentials',
      'internal-reach',
      'validate-destination',
      'redirects-schemes',
      'imdsv2',
      'egress-least-privilege',
    ],
  );
  expectCredits(
    'partial answer that falls into the mistake',
    'appsec-ssrf-cloud-metadata',
    'The attacker can read the metadata endpoint, so I would block 169.254.169.254 with a regex on the URL.',
    ['metadata-credentials'],
    ['block 169.254.169.254', 'regex on the URL'],
  );
  expectCredits(
    'answer with typos',
    'appsec-ssrf-cloud-metadata',
    'Stealing role credentails from the metdata service; fix it with IMDSv2, an allowlist and an egres proxy.',
    ['metadata-credentials', 'validate-destination', 'imdsv2', 'egress-least-privilege'],
  );
});
