// Browser test of the plaque's public page (issue 19, Must show): the branch secretary zb1 opens one of the
// branch's 示范岗 and reads its public link from the drawer (the URL the QR code holds); a phone (390 × 844, no
// session) opens it, rates 4 stars with a comment and gets the thank-you page; the comment is not public yet. zb1
// approves it on 留言审核, and the phone's page shows it; the plaque's row in the open 考评 round counts one rating more
// (the residents' part is computed live from the period's ratings while the round is open).
import { join } from 'node:path';
import { describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_PASSWORD, ensureArtifactsDir, serverPhoneAndDesk } from './harness.js';
import { loginAs, still } from './session.js';

const running = serverPhoneAndDesk();

describe('示范岗公开页 on a phone, then 留言审核 by the branch', () => {
  it('a resident rates a plaque from its QR link, the secretary approves the comment, the page shows it', async () => {
    const artifacts = await ensureArtifactsDir();
    const secretary = await running.desk.context.newPage();
    const resident = await running.phone.context.newPage();
    onTestFailed(async () => {
      await secretary.screenshot({ path: join(artifacts, 'incentives-failed-secretary.png'), fullPage: true }).catch(() => undefined);
      await resident.screenshot({ path: join(artifacts, 'incentives-failed-running.phone.png'), fullPage: true }).catch(() => undefined);
      console.error(running.server.output().split('\n').filter((l) => /"level":(4|5|6)0/.test(l)).slice(-10).join('\n'));
    });

    // zb1 finds a plaque of the branch in the demo's open 考评 round through the API, then opens it in the app: the
    // drawer shows its link.
    await loginAs(secretary, running.server.baseUrl, 'zb1', DEMO_PASSWORD);
    const rounds = await secretary.request.get(`${running.server.baseUrl}/api/v1/incentives/evaluation-rounds`);
    expect(rounds.status()).toBe(200);
    const round = ((await rounds.json()) as { items: { id: string; status: string; periodFrom: string; periodTo: string }[] }).items.find((r) => r.status === 'open')!;
    // A rating counts in the round of its date: the demo's open round must cover today for this test to mean anything.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(round && round.periodFrom <= today && today <= round.periodTo, `the demo's open round must cover ${today}`).toBe(true);
    const evaluations = await secretary.request.get(`${running.server.baseUrl}/api/v1/incentives/evaluation-rounds/${round.id}/evaluations?pageSize=200`);
    expect(evaluations.status()).toBe(200);
    const evaluation = ((await evaluations.json()) as { items: { plaqueId: string; plaqueTitle: string; memberName: string; ratingCount: number }[] }).items[0]!;
    const plaque = { id: evaluation.plaqueId, title: evaluation.plaqueTitle, memberName: evaluation.memberName };
    await secretary.goto(`${running.server.baseUrl}/incentives/plaques?id=${plaque.id}`);
    const link = secretary.getByTestId('plaque-public-link');
    await link.waitFor();
    const url = (await link.getAttribute('href'))!;
    expect(url).toMatch(new RegExp(`^${running.server.baseUrl}/plaque/[0-9A-Za-z]{22}$`));
    await still(secretary);
    await secretary.screenshot({ path: join(artifacts, 'incentives-drawer.png') });

    // The phone has no session: the public page shows the plaque and the form.
    await resident.goto(url);
    await resident.getByRole('heading', { name: plaque.title }).waitFor();
    expect(await resident.locator('body').innerText()).toContain(plaque.memberName);
    await resident.screenshot({ path: join(artifacts, 'incentives-public-running.phone.png'), fullPage: true });
    const comment = `楼道灯当天就修好了，谢谢！${Date.now() % 100000}`;
    await resident.locator('label[for="s4"]').click();
    await resident.locator('#comment').fill(comment);
    await Promise.all([resident.waitForLoadState('load'), resident.getByRole('button', { name: '提交评价' }).click()]);
    await resident.getByText('感谢您的评价，留言经审核后公开').waitFor();
    // Not public until approved.
    await resident.goto(url);
    await resident.getByRole('heading', { name: plaque.title }).waitFor();
    expect(await resident.locator('body').innerText()).not.toContain(comment);

    // zb1 approves it on 留言审核 (pending tab, the newest first).
    await secretary.goto(`${running.server.baseUrl}/incentives/comments`);
    const item = secretary.getByTestId('rating-item').filter({ hasText: comment });
    await item.waitFor();
    await still(secretary);
    await secretary.screenshot({ path: join(artifacts, 'incentives-moderation.png') });
    const [answer] = await Promise.all([
      secretary.waitForResponse((r) => r.url().includes('/moderate') && r.request().method() === 'POST'),
      item.getByRole('button', { name: '公开', exact: true }).click(),
    ]);
    expect(answer.status()).toBe(200);
    await item.waitFor({ state: 'detached' });

    // The phone's page now shows the comment.
    await resident.goto(url);
    await resident.getByText(comment).waitFor();
    await resident.screenshot({ path: join(artifacts, 'incentives-public-approved-running.phone.png'), fullPage: true });

    // The rating is in the plaque's evaluation: one more than before on 示范岗考评.
    await secretary.goto(`${running.server.baseUrl}/incentives/evaluations?round=${round.id}`);
    const row = secretary.locator('tr').filter({ hasText: plaque.title }).first();
    await row.getByText(`（${evaluation.ratingCount + 1} 条`).waitFor();
    await still(secretary);
    await secretary.screenshot({ path: join(artifacts, 'incentives-evaluation.png') });
  });
});
