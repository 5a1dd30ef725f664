// The Python the notebook test uses: KG_PYTHON, else the project's .venv (made by .ci/run), else python3;
// and whether it has the notebook's packages. Says plainly what is missing and how to install it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const notebooksDir = `${projectRoot}notebooks`;

export const installHint = 'python3 -m venv .venv && .venv/bin/pip install -r notebooks/requirements.txt (.ci/run does this)';

export function findPython(): { python?: string; problem?: string } {
  const candidates = [process.env.KG_PYTHON, `${projectRoot}.venv/bin/python`, 'python3'].filter(
    (p): p is string => !!p && (!p.includes('/') || existsSync(p)),
  );
  const problems: string[] = [];
  for (const python of candidates) {
    try {
      execFileSync(python, ['-c', 'import nbconvert, nbclient, nbformat, ipykernel, pandas, matplotlib, requests, gql'], { stdio: 'pipe', timeout: 60_000 });
      return { python };
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message)
        .trim()
        .split('\n')
        .at(-1);
      problems.push(`${python}: ${stderr}`);
    }
  }
  return { problem: `no Python with the notebook packages (${problems.join('; ') || 'no python3 found'}). Install: ${installHint}` };
}
