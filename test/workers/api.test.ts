import { SELF } from 'cloudflare:test';
import { describeHttpContract } from '../http/contract.js';

describeHttpContract('workerd, the Worker entry', (path, init) => SELF.fetch(`http://localhost${path}`, init));
