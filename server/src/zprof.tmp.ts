import { loadConfig } from './config.js';
import { buildApp, createPlatform } from './app.js';
const BENCH_PASSWORD = 'Bench@2026pass';
const config = loadConfig();
const platform = await createPlatform(config);
const app = await buildApp(platform);
const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dangwei', password: BENCH_PASSWORD } });
const cookie = String(login.headers['set-cookie']).split(';')[0]!;
const url = process.argv[2] ?? '/api/v1/volunteer/residents?pageSize=20';
for (let round = 0; round < 6; round++) {
  const n = 1000;
  const s = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (r.statusCode !== 200) throw new Error(r.body);
  }
  console.log(url, ((Number(process.hrtime.bigint() - s) / 1e6) / n).toFixed(3), 'ms/request');
}
await app.close();
process.exit(0);
