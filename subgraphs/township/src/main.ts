import { runLevel } from '@scf/kit';
import { township } from './level.js';

await runLevel(township);
