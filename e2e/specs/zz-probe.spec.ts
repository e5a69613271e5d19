import { DemoPage } from '../support/demo-page';
import { expect, test } from '../support/fixtures';
test('probe', async ({ page, stack }) => {
  const failed: string[] = [];
  const all: string[] = [];
  page.on('request', (r) => all.push(`${r.method()} ${r.url()}`));
  page.on('requestfailed', (r) => failed.push(`${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  const demo = new DemoPage(page);
  const link = await demo.start(stack.demoUrl);
  const phone = await demo.scan(link);
  await phone.succeed();
  await expect(demo.result).toContainText('Identity verified');
  await page.waitForTimeout(1500);
  console.log('ALL\n' + all.join('\n'));
  console.log('FAILED\n' + failed.join('\n'));
  await phone.close();
});
