import { createAuthority } from '../../authority.ts';
import { initDataDir } from '../../authority-data.ts';
import { systemClock } from '../../clock.ts';
import { dataDirLayout, RESTORE_ADVICE } from '../../data-dir.ts';
import { parseTrustedProxies } from '../../http/client-address.ts';
import { DEFAULT_RATE_LIMITS } from '../../http/rate-limit.ts';
import { defaultRequestLogPath } from '../../http/request-log.ts';
import { createSigningKey } from '../../keys/signing-keys.ts';
import { loadProductConfig } from '../../product-config.ts';
import { SetupError } from '../../setup-error.ts';
import { UsageError, type Command } from '../command.ts';
import { withDataDir } from '../session.ts';

/* `keyhole authority init|start|keys|rotate-key`: the data dir, the server, the signing keys. */

const init: Command = {
  words: ['authority', 'init'],
  summary: 'Create the data dir with a signing key and a first admin token',
  details:
    'The admin token is printed once; keep it. Add the printed public key to the product config (publicKeys).\nRefuses a folder that already holds a database (exit 3, nothing written).',
  run({ dataDir, productPath, out }) {
    const product = loadProductConfig(productPath);
    const result = initDataDir(dataDir, product, systemClock);
    if (!result.created) {
      throw new SetupError(
        `${dataDir} already holds an authority database; init refuses it and changed nothing (a new admin token: keyhole token create; a lost secret.key or signing key: ${RESTORE_ADVICE})`,
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
    log: { type: 'string' },
  },
  optionHelp: [
    ['--port N', 'port to listen on (default 4780; 0 picks a free one)'],
    ['--host H', 'address to bind (default 127.0.0.1)'],
    ['--no-rate-limit', 'turn off per-IP and per-key rate limits (benchmarks, load tests)'],
    ['--test-clock', 'enable POST /admin/test-clock to shift the server time (tests only)'],
    ['--trust-proxy LIST', 'reverse proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For and X-Request-Id count (default: $KEYHOLE_TRUST_PROXY, else none)'],
    ['--log FILE', 'request log, JSON lines appended (default <data dir>/logs/authority.log; - for stdout)'],
  ],
  details: `Rate limits: ${DEFAULT_RATE_LIMITS.perIp.burst} requests per IP then ${DEFAULT_RATE_LIMITS.perIp.perSecond}/s; ${DEFAULT_RATE_LIMITS.perKey.burst} per key then 1 per ${1 / DEFAULT_RATE_LIMITS.perKey.perSecond} s. Stops cleanly on SIGINT/SIGTERM.`,
  async run({ values, dataDir, productPath, out }) {
    const port = Number(values['port']);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, not "${values['port']}"`);
    const trustProxy = String(values['trust-proxy'] ?? process.env['KEYHOLE_TRUST_PROXY'] ?? '');
    try {
      parseTrustedProxies(trustProxy);
    } catch (error) {
      throw new UsageError(`--trust-proxy: ${(error as Error).message}`);
    }
    const requestLog = values['log'] === undefined ? defaultRequestLogPath(dataDir) : String(values['log']);
    const authority = createAuthority({
      dataDir,
      productConfig: loadProductConfig(productPath),
      rateLimits: values['no-rate-limit'] ? false : DEFAULT_RATE_LIMITS,
      testClock: values['test-clock'] === true,
      trustProxy,
      requestLog,
    });
    const url = await authority.listen(port, String(values['host']));
    out.result({ url, data_dir: dataDir, pid: process.pid, request_log: requestLog }, `Keyhole authority listening on ${url} (data: ${dataDir}, request log: ${requestLog})`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
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
  summary: 'Add a new signing key; it signs from the next server start, older keys stay published',
  run: (input) =>
    withDataDir(input, ({ context }) => {
      const key = createSigningKey(dataDirLayout(input.dataDir), context.storage, context.clock.now());
      input.out.result(
        { id: key.id, public_key: key.publicKey },
        `Added signing key ${key.id}. Add it to the product config's publicKeys, ship the app, then restart the authority.`,
      );
    }),
};

export const authorityCommands = [init, start, keys, rotateKey];
