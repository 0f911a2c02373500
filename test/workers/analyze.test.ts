import { SELF } from 'cloudflare:test';
import { describeAnalyzeContract } from '../http/analyze-contract.js';

// The analyzer (@lezer/python is pure JS) runs inside workerd exactly as on Node.
describeAnalyzeContract('workerd, the Worker entry', (path, init) => SELF.fetch(`http://localhost${path}`, init));
