import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Request } from '@playwright/test';
import { PhoneSimulator, decryptIdentificationData } from '../../projects/signaling-server/src';
import { DEV_KEYS_DIR } from '../../projects/demo-app/server/integrator/integrator-keys';
import { DemoPage } from '../support/demo-page';
import { expect, snapshot, test } from '../support/fixtures';

/** Everything a browser request exposes: URL, every header, the body. */
async function describeRequest(request: Request): Promise<string> {
  return `${request.method()} ${request.url()}\n${JSON.stringify(await request.allHeaders())}\n${request.postData() ?? ''}`;
}

type Credentials = Record<string, { credentialSubject: { credential: { value: unknown } } }>;

test.describe('the results stage: create, identify, webhook, decrypt', () => {
  test('create → QR → simulated phone success → webhook → the decrypted summary on the page, and no secret in any browser request', async ({ page, stack, cspViolations }) => {
    const requests: Promise<string>[] = [];
    page.on('request', (request) => requests.push(describeRequest(request)));

    const demo = new DemoPage(page);
    const link = await demo.start(stack.demoUrl); // the backend created the identification; the QR decoded from pixels
    const id = (await page.locator('.verify .meta code').textContent())?.trim() ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const rest = stack.signaling().rest;
    expect(rest?.store.get(id)).toMatchObject({ status: 'PENDING', organisationId: stack.keys.organisationId, webhookUrl: `${stack.demoUrl}/api/webhooks/proofme` });

    const phone = PhoneSimulator.fromDeeplink(link);
    await phone.join();
    await expect(demo.status).toHaveText('QR code scanned. Continue on your phone.');
    await phone.succeed();
    await expect(demo.result).toContainText('Identity verified');

    // The webhook landed, the backend decrypted, the page polled its summary.
    const summary = page.locator('[data-test=summary]');
    await expect(summary).toBeVisible();
    await expect(page.locator('[data-test=summary-adult]')).toHaveText('Yes');
    await snapshot(page, '10-results-stage');
    const { violations } = await new AxeBuilder({ page }).include('.side').analyze();
    expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

    // The page shows exactly what the encrypted data holds: decrypt it here, independently, with the integrator's key.
    const response = await fetch(`${stack.signaling().httpUrl}/v1/identification/data/${id}`, { headers: { authorization: stack.keys.apiKey } });
    const { identification } = (await response.json()) as { identification: { status: string; identificationData: Parameters<typeof decryptIdentificationData>[0] } };
    expect(identification.status).toBe('SUCCESS');
    const decrypted = (await decryptIdentificationData(identification.identificationData, stack.keys.privateKeyArmored)) as { credentials: { EPASS: { credentials: Credentials } } };
    const credentials = decrypted.credentials.EPASS.credentials;
    const firstName = String(credentials['FIRST_NAME'].credentialSubject.credential.value);
    const lastName = String(credentials['LAST_NAME'].credentialSubject.credential.value);
    await expect(page.locator('[data-test=summary-name]')).toHaveText(`${firstName} ${lastName.split(' ').pop()?.charAt(0)}.`);
    // Only the summary: no birth date or document on the page.
    await expect(page.locator('main')).not.toContainText(String(credentials['BIRTH_DATE'].credentialSubject.credential.value));
    await phone.close();

    const seen = await Promise.all(requests);
    expect(seen.length).toBeGreaterThan(3);
    for (const secret of [stack.keys.apiKey, stack.keys.webhookSecret, stack.keys.privateKeyArmored, 'BEGIN PGP PRIVATE KEY']) {
      expect(seen.filter((request) => request.includes(secret))).toEqual([]);
    }
    // No browser request carries an Authorization header at all.
    expect(seen.filter((request) => /"authorization"/i.test(request))).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  test('a failed identification: the backend confirms the outcome and the page shows no data', async ({ page, stack }) => {
    const demo = new DemoPage(page);
    const phone = await demo.scan(await demo.start(stack.demoUrl));
    await phone.fail();
    await expect(demo.result).toContainText('Not verified');
    await expect(page.locator('[data-test=summary]')).toHaveText('The backend confirms the outcome: there is no personal data to show.');
    await phone.close();
  });

  test('the built bundle holds no API key and no private key', async ({ stack }) => {
    const dir = join('dist', 'demo-app', 'browser');
    const bundle = readdirSync(dir)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    expect(bundle.length).toBeGreaterThan(10_000);
    const secrets = [stack.keys.apiKey, 'BEGIN PGP PRIVATE KEY', 'proofme_dev_'];
    const devKeys = join(DEV_KEYS_DIR, 'integrator.json');
    if (existsSync(devKeys)) {
      const keys = JSON.parse(readFileSync(devKeys, 'utf8')) as { apiKey: string; webhookSecret: string };
      secrets.push(keys.apiKey, keys.webhookSecret);
    }
    for (const secret of secrets) expect(bundle.includes(secret), secret.slice(0, 14)).toBe(false);
  });
});
