import { runLevel } from '@scf/kit';
import { county } from './level.js';

await runLevel(county);
