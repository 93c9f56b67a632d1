import { runLevel } from '@scf/kit';
import { village } from './level.js';

await runLevel(village);
