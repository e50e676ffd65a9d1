import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Embedded mode's PGlite is one process's database: a second process opening the same files
 * writes over the first one's pages and can leave the data unable to start again. A lock file
 * holding the owner's pid, created atomically (`wx` = O_CREAT | O_EXCL), keeps a second `npm
 * start` out before it touches anything. A lock whose pid is no longer alive was left by a crash
 * and is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      [
        `Sbor is already running with this data (pid ${pid}).`,
        `  Only one Sbor may use ${dataDir} at a time: stop the other one (kill ${pid}), or give this one its own data (DATA_DIR=.data-2 npm start).`,
      ].join('\n'),
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): Promise<void>;
}

const LOCK_FILE = 'sbor.lock';
/** Taking over a stale lock is itself guarded, so two starters after a crash cannot both win. */
const TAKEOVER_FILE = 'sbor.lock.takeover';

/** Takes `dataDir`'s lock for this process, or throws DataDirLockedError naming the live owner. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const dir = path.resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  if (!(await createLock(file))) {
    const owner = await ownerOf(file);
    if (owner !== undefined && isAlive(owner)) throw new DataDirLockedError(dir, owner);
    await takeOver(dir, file);
  }
  let released = false;
  return {
    file,
    release: async () => {
      if (released) return;
      released = true;
      // Only our own lock is removed: never one a later process took over.
      if ((await ownerOf(file)) === process.pid) await rm(file, { force: true });
    },
  };
}

async function takeOver(dir: string, file: string): Promise<void> {
  const guard = path.join(dir, TAKEOVER_FILE);
  const guardOwner = await ownerOf(guard);
  // A guard whose starter died mid-takeover.
  if (guardOwner !== undefined && !isAlive(guardOwner)) await rm(guard, { force: true });
  if (!(await createLock(guard))) throw new DataDirLockedError(dir, (await ownerOf(guard)) ?? NaN);
  try {
    // Read again under the guard: another starter may have taken over since our first look.
    const owner = await ownerOf(file);
    if (owner !== undefined && isAlive(owner)) throw new DataDirLockedError(dir, owner);
    await rm(file, { force: true });
    if (!(await createLock(file))) throw new DataDirLockedError(dir, (await ownerOf(file)) ?? NaN);
  } finally {
    await rm(guard, { force: true });
  }
}

/**
 * Creates `file` holding this pid; false when it already exists. The pid is written to a file of
 * our own first and then hard-linked into place (link fails with EEXIST as O_EXCL does), so no
 * reader ever sees the lock without its pid.
 */
async function createLock(file: string): Promise<boolean> {
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const handle = await open(draft, 'wx');
  try {
    await handle.writeFile(`${process.pid}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

/** The pid in a lock file; undefined when it is gone or unreadable. */
async function ownerOf(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Signal 0 checks for existence: ESRCH means gone; EPERM means alive but someone else's. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
