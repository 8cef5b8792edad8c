import { EventEmitter } from 'node:events';

/*
 * A recording stand-in for the `electron` module, so the real glue in electron/ can be loaded under
 * plain Node where no Electron binary runs (./load.ts puts it in place of `electron`). It keeps
 * every call in one ordered log and hands the test the handlers the glue installed, so the test
 * can fire what Electron would fire. It decides nothing for the glue: the only answers it gives
 * are the ones a test sets (the single-instance lock, paths, the save dialog's result).
 */

// Electron's own signatures are checked by tsc against the real module; here any listener goes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => unknown;

export interface Call {
  readonly name: string;
  readonly args: readonly unknown[];
}

/** Every call the glue made into the stand-in, in order. */
export const calls: Call[] = [];

function record(name: string, ...args: unknown[]): void {
  calls.push({ name, args });
}

/** The names of the recorded calls, in order (e.g. 'app.enableSandbox', 'ipcMain.handle'). */
export function callNames(): string[] {
  return calls.map((call) => call.name);
}

/** An emitter whose on/once are recorded; the test fires events with emit(). */
class Recorder extends EventEmitter {
  constructor(private readonly label: string) {
    super();
  }

  override on(event: string, listener: Listener): this {
    record(`${this.label}.on`, event);
    return super.on(event, listener);
  }

  override once(event: string, listener: Listener): this {
    record(`${this.label}.once`, event);
    return super.once(event, listener);
  }

  override removeListener(event: string, listener: Listener): this {
    record(`${this.label}.removeListener`, event);
    return super.removeListener(event, listener);
  }
}

/** What Electron passes to will-navigate and friends: only preventDefault matters to the glue. */
export function standInEvent(): { defaultPrevented: boolean; preventDefault(): void } {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export interface FrameStandIn {
  url: string;
  parent: FrameStandIn | null;
}

export class WebContentsStandIn extends Recorder {
  windowOpenHandler: Listener | null = null;
  readonly mainFrame: FrameStandIn = { url: '', parent: null };
  destroyed = false;

  constructor() {
    super('webContents');
  }

  setWindowOpenHandler(handler: Listener): void {
    record('webContents.setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    record('webContents.send', channel, ...args);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

const windows: BrowserWindow[] = [];

export class BrowserWindow extends Recorder {
  static getAllWindows(): BrowserWindow[] {
    return [...windows];
  }

  static getFocusedWindow(): BrowserWindow | null {
    return windows.find((window) => window.focused) ?? null;
  }

  readonly webContents = new WebContentsStandIn();
  minimized = false;
  focused = false;

  constructor(readonly options: Record<string, unknown>) {
    super('window');
    record('new BrowserWindow', options);
    windows.push(this);
  }

  loadFile(path: string): Promise<void> {
    record('window.loadFile', path);
    return Promise.resolve();
  }

  loadURL(url: string): Promise<void> {
    record('window.loadURL', url);
    return Promise.resolve();
  }

  removeMenu(): void {
    record('window.removeMenu');
  }

  show(): void {
    record('window.show');
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    record('window.restore');
    this.minimized = false;
  }

  focus(): void {
    record('window.focus');
    this.focused = true;
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

class App extends Recorder {
  isPackaged = false;
  /** What requestSingleInstanceLock() answers. */
  singleInstanceLock = true;
  /** What getPath(name) answers; an unset name throws, as an unknown one does in Electron. */
  paths: Record<string, string> = {};
  version = '0.0.0-stand-in';
  private ready = deferred();

  constructor() {
    super('app');
  }

  enableSandbox(): void {
    record('app.enableSandbox');
  }

  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock');
    return this.singleInstanceLock;
  }

  quit(): void {
    record('app.quit');
  }

  setAsDefaultProtocolClient(protocol: string, ...rest: unknown[]): boolean {
    record('app.setAsDefaultProtocolClient', protocol, ...rest);
    return true;
  }

  whenReady(): Promise<void> {
    record('app.whenReady');
    return this.ready.promise;
  }

  /** The test says when the app is ready; whenReady() settles then. */
  becomeReady(): void {
    record('(ready)');
    this.ready.resolve();
  }

  getPath(name: string): string {
    record('app.getPath', name);
    const path = this.paths[name];
    if (path === undefined) throw new Error(`stand-in app.getPath: the test set no path for "${name}"`);
    return path;
  }

  getVersion(): string {
    record('app.getVersion');
    return this.version;
  }

  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.singleInstanceLock = true;
    this.paths = {};
    this.ready = deferred();
  }
}

export interface RequestFilter {
  readonly urls: readonly string[];
}

class Session {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  readonly webRequest = {
    beforeRequest: [] as { filter: RequestFilter | null; listener: Listener }[],
    headersReceived: [] as { filter: RequestFilter | null; listener: Listener }[],
    onBeforeRequest(filterOrListener: RequestFilter | Listener, listener?: Listener): void {
      record('webRequest.onBeforeRequest', filterOrListener);
      this.beforeRequest.push(listener ? { filter: filterOrListener as RequestFilter, listener } : { filter: null, listener: filterOrListener as Listener });
    },
    onHeadersReceived(filterOrListener: RequestFilter | Listener, listener?: Listener): void {
      record('webRequest.onHeadersReceived', filterOrListener);
      this.headersReceived.push(listener ? { filter: filterOrListener as RequestFilter, listener } : { filter: null, listener: filterOrListener as Listener });
    },
  };

  setPermissionRequestHandler(handler: Listener | null): void {
    record('session.setPermissionRequestHandler');
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: Listener | null): void {
    record('session.setPermissionCheckHandler');
    this.permissionCheckHandler = handler;
  }

  reset(): void {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.webRequest.beforeRequest.length = 0;
    this.webRequest.headersReceived.length = 0;
  }
}

class IpcMain extends Recorder {
  readonly handlers = new Map<string, Listener>();

  constructor() {
    super('ipcMain');
  }

  handle(channel: string, handler: Listener): void {
    record('ipcMain.handle', channel);
    // Electron refuses a second handler for a channel; so does the stand-in.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    record('ipcMain.removeHandler', channel);
    this.handlers.delete(channel);
  }
}

class IpcRenderer extends Recorder {
  constructor() {
    super('ipcRenderer');
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    record('ipcRenderer.invoke', channel, ...args);
    return Promise.resolve(undefined);
  }
}

export const app = new App();
export const session = { defaultSession: new Session() };
export const ipcMain = new IpcMain();
export const ipcRenderer = new IpcRenderer();

export const contextBridge = {
  /** What the preload exposed, by key. */
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    record('contextBridge.exposeInMainWorld', key);
    this.exposed.set(key, api);
  },
};

export const safeStorage = {
  encryptionAvailable: false,
  isEncryptionAvailable(): boolean {
    record('safeStorage.isEncryptionAvailable');
    return this.encryptionAvailable;
  },
  encryptString(): never {
    throw new Error('stand-in safeStorage: no OS keychain here');
  },
  decryptString(): never {
    throw new Error('stand-in safeStorage: no OS keychain here');
  },
};

export const dialog = {
  /** What the next showSaveDialog answers. */
  saveResult: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    record('dialog.showSaveDialog', ...args);
    return Promise.resolve(this.saveResult);
  },
};

export const shell = {
  /** What the next openPath answers: '' when opened, else Electron's error message. */
  openPathResult: '',
  openPath(path: string): Promise<string> {
    record('shell.openPath', path);
    return Promise.resolve(this.openPathResult);
  },
};

/** Forgets every call, handler, window and setting, for the next test. */
export function resetStandIn(): void {
  calls.length = 0;
  windows.length = 0;
  app.reset();
  session.defaultSession.reset();
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  contextBridge.exposed.clear();
  safeStorage.encryptionAvailable = false;
  dialog.saveResult = { canceled: true, filePath: '' };
  shell.openPathResult = '';
}

// electron-store reads `electron` through its default export.
export default { app, session, BrowserWindow, ipcMain, ipcRenderer, contextBridge, safeStorage, dialog, shell };
