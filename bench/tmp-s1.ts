import { runS1 } from './scenarios/s1-game-state';
const env = process.env.NO_RL ? { RATE_LIMIT_ENABLED: '0' } : { RATE_LIMIT_IP: '1000000', RATE_LIMIT_READS: '1000000', RATE_LIMIT_MUTATIONS: '1000000' };
runS1({ rounds: 3, seconds: 4, connections: 32, env }).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });
