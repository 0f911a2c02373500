import { describeHttpContract } from './contract.js';
import { testApp } from '../helpers/built-index.js';

const app = await testApp();
describeHttpContract('Node, app.request', async (path, init) => app.request(`http://localhost${path}`, init));
