import { createAuthority } from '../../authority.ts';
import { initDataDir } from '../../authority-data.ts';
import { systemClock } from '../../clock.ts';
import { dataDirLayout, RESTORE_ADVICE } from '../../data-dir.ts';
import { isProxyHeader, parseTrustedProxies, PROXY_HEADERS } from '../../http/client-address.ts';
import { DEFAULT_RATE_LIMITS } from '../../http/rate-limit.ts';
import { defaultRequestLogPath } from '../../http/request-log.ts';
import { createSigningKey, SIGNING_KEY_SETTING, signingKeyState, signingKeysFrom } from '../../keys/signing-keys.ts';
import { recordAudit } from '../../licensing/audit.ts';
import { loadProductConfig } from '../../product-config.ts';
import type { SigningKeyRecord } from '../../storage/storage.ts';
import { SetupError } from '../../setup-error.ts';
import { UsageError, type Command } from '../command.ts';
import { parseId } from '../parse-values.ts';
import { withDataDir } from '../session.ts';

/* `keyhole authority init|start|keys|rotate-key`: the data dir, the server, the signing keys. */

const init: Command = {
  words: ['authority', 'init'],
  summary: 'Create the data dir with a signing key and a first admin token',
  details:
    'The admin token is printed once; keep it. Add the printed public key to the product config (publicKeys).\nRefuses a folder (or, with --database, a PostgreSQL database) that already holds an authority (exit 3, nothing written).\n--database postgres://… keeps the data in PostgreSQL; secret.key and the signing keys stay in the data dir.',
  async run({ dataDir, databaseUrl, productPath, out }) {
    const product = loadProductConfig(productPath);
    const result = await initDataDir(dataDir, product, systemClock, databaseUrl);
    if (!result.created) {
      throw new SetupError(
        `${databaseUrl === undefined ? dataDir : 'the PostgreSQL database'} already holds an authority database; init refuses it and changed nothing (a new admin token: keyhole token create; a lost secret.key or signing key: ${RESTORE_ADVICE})`,
      );
    }
    const publicKeys = result.signingKeys.map(({ id, publicKey }) => ({ id, publicKey }));
    out.result(
      { data_dir: dataDir, product_id: product.productId, admin_token: result.adminToken, public_keys: publicKeys },
      [
        `Initialized the authority for ${product.productId} in ${dataDir}`,
        `Admin token (shown once): ${result.adminToken}`,
        `Public keys for the product config: ${JSON.stringify(publicKeys)}`,
      ].join('\n'),
    );
  },
};

const start: Command = {
  words: ['authority', 'start'],
  summary: 'Run the license authority HTTP server',
  options: {
    port: { type: 'string', default: '4780' },
    host: { type: 'string', default: '127.0.0.1' },
    'no-rate-limit': { type: 'boolean' },
    'test-clock': { type: 'boolean' },
    'trust-proxy': { type: 'string' },
    'proxy-header': { type: 'string' },
    log: { type: 'string' },
  },
  optionHelp: [
    ['--port N', 'port to listen on (default 4780; 0 picks a free one)'],
    ['--host H', 'address to bind (default 127.0.0.1)'],
    ['--no-rate-limit', 'turn off per-IP and per-key rate limits (benchmarks, load tests)'],
    ['--test-clock', 'enable POST /admin/test-clock to shift the server time (tests only)'],
    ['--trust-proxy LIST', 'reverse proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For and X-Request-Id count (default: $KEYHOLE_TRUST_PROXY, else none)'],
    ['--proxy-header H', `the header those proxies name the client in: ${PROXY_HEADERS.join(' or ')} (RFC 7239) (default: $KEYHOLE_PROXY_HEADER, else x-forwarded-for)`],
    ['--log FILE', 'request log, JSON lines appended (default <data dir>/logs/authority.log; - for stdout)'],
  ],
  details: `--database postgres://… serves from PostgreSQL: start several instances on one database (and the same data dir files) behind a proxy.\nRate limits: ${DEFAULT_RATE_LIMITS.perIp.burst} requests per IP then ${DEFAULT_RATE_LIMITS.perIp.perSecond}/s; ${DEFAULT_RATE_LIMITS.perKey.burst} per key then 1 per ${1 / DEFAULT_RATE_LIMITS.perKey.perSecond} s. Stops cleanly on SIGINT/SIGTERM; SIGHUP reopens the request log (logrotate).`,
  async run({ values, dataDir, databaseUrl, productPath, out }) {
    const port = Number(values['port']);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, not "${values['port']}"`);
    const trustProxy = String(values['trust-proxy'] ?? process.env['KEYHOLE_TRUST_PROXY'] ?? '');
    try {
      parseTrustedProxies(trustProxy);
    } catch (error) {
      throw new UsageError(`--trust-proxy: ${(error as Error).message}`);
    }
    const proxyHeader = String(values['proxy-header'] ?? process.env['KEYHOLE_PROXY_HEADER'] ?? 'x-forwarded-for').toLowerCase();
    if (!isProxyHeader(proxyHeader)) throw new UsageError(`--proxy-header must be ${PROXY_HEADERS.join(' or ')}, not "${proxyHeader}"`);
    const requestLog = values['log'] === undefined ? defaultRequestLogPath(dataDir) : String(values['log']);
    const authority = await createAuthority({
      dataDir,
      databaseUrl,
      productConfig: loadProductConfig(productPath),
      rateLimits: values['no-rate-limit'] ? false : DEFAULT_RATE_LIMITS,
      testClock: values['test-clock'] === true,
      trustProxy,
      proxyHeader,
      requestLog,
    });
    const url = await authority.listen(port, String(values['host']));
    out.result({ url, data_dir: dataDir, pid: process.pid, request_log: requestLog }, `Keyhole authority listening on ${url} (data: ${dataDir}, request log: ${requestLog})`);
    // logrotate renames the file and sends SIGHUP: new lines then go to a new file at the same path.
    const reopen = () => authority.reopenLog();
    process.on('SIGHUP', reopen);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    process.removeListener('SIGHUP', reopen);
    await authority.close();
  },
};

const keys: Command = {
  words: ['authority', 'keys'],
  summary: 'Print the public signing keys (the product config publicKeys entry)',
  run: (input) =>
    withDataDir(input, ({ keys }) => {
      input.out.result(
        { current_key_id: keys.current.id, public_keys: keys.published },
        `${JSON.stringify(keys.published, null, 2)}\n(new certificates are signed with key ${keys.current.id})`,
      );
    }),
};

const rotateKey: Command = {
  words: ['authority', 'rotate-key'],
  summary: 'Add a new signing key: published at once, it signs only after "authority sign-with"',
  details: 'Running authorities publish the new key from their next request and keep signing with the current one, which every installed app trusts.',
  run: (input) =>
    withDataDir(input, async ({ context, keys }) => {
      const { storage } = context;
      // Pin the key that signs now, so the new one waits for sign-with in every process.
      if ((await storage.getSetting(SIGNING_KEY_SETTING)) === undefined) await storage.setSetting(SIGNING_KEY_SETTING, String(keys.current.id));
      // The key's row and its audit event are written in one transaction.
      const recorded = {
        ...storage,
        addSigningKey: (record: SigningKeyRecord) =>
          storage.transaction(async (tx) => {
            await tx.addSigningKey(record);
            await recordAudit(tx, context, { action: 'signing_key.add', after: { key_id: record.id, public_key: record.publicKey } });
          }),
      };
      const key = await createSigningKey(dataDirLayout(input.dataDir), recorded, context.clock.now());
      input.out.result(
        { id: key.id, public_key: key.publicKey, signing_key_id: keys.current.id },
        [
          `Added signing key ${key.id}; certificates are still signed with key ${keys.current.id}.`,
          `Add it to the product config's publicKeys and ship the app; copy signing-keys/${key.id}.pem to every machine that serves this database;`,
          `then run "keyhole authority sign-with ${key.id}": every running authority signs with it from its next request.`,
        ].join('\n'),
      );
    }),
};

const signWith: Command = {
  words: ['authority', 'sign-with'],
  summary: 'Choose the signing key for new certificates (every running authority switches at its next request)',
  args: '<key-id>',
  positionals: 1,
  details: 'Only after the apps in use trust the key (product config publicKeys): an app refuses a certificate signed by a key it does not know.',
  run: (input) =>
    withDataDir(input, async ({ context, keys }) => {
      const id = parseId(input.positionals[0] as string, 'the key id');
      const layout = dataDirLayout(input.dataDir);
      const state = await signingKeyState(context.storage);
      if (!state.records.some((record) => record.id === id)) {
        throw new UsageError(`no signing key ${id} (keys: ${state.records.map((record) => record.id).join(', ')}; see keyhole authority keys)`);
      }
      signingKeysFrom(layout, { ...state, signingId: id }); // its file must be readable here, or the SetupError says so
      await context.storage.transaction(async (tx) => {
        await tx.setSetting(SIGNING_KEY_SETTING, String(id));
        await recordAudit(tx, context, { action: 'signing_key.sign_with', before: { signing_key_id: keys.current.id }, after: { signing_key_id: id } });
      });
      input.out.result({ signing_key_id: id }, `New certificates are signed with key ${id} (running authorities switch at their next request).`);
    }),
};

export const authorityCommands = [init, start, keys, rotateKey, signWith];
