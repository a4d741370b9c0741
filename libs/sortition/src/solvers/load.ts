import { GlpkBackend } from './glpk-backend.js';
import { HighsBackend } from './highs-backend.js';
import type { SolverBackend, SolverName } from './solver.js';

export async function loadSolver(name: SolverName): Promise<SolverBackend> {
  switch (name) {
    case 'highs':
      return HighsBackend.load();
    case 'glpk':
      return GlpkBackend.load();
  }
}
