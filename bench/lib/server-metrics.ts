// One scrape of a signaling server's Prometheus text (`/metrics`, prom-client), shared by the
// benches that watch the server from outside its process (signaling-load, abuse).
import { get } from 'node:http';

/** A metric's value by exact name (unlabelled series); NaN when the scrape lacks it. */
export type MetricValue = (name: string) => number;

/** GETs `http://127.0.0.1:<port>/metrics`; rejects on a network error or, when given, after `timeoutMs`. */
export function scrapeMetrics(port: number, timeoutMs?: number): Promise<MetricValue> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path: '/metrics', agent: false, timeout: timeoutMs }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve((name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(body)?.[1] ?? NaN)));
    });
    request.on('timeout', () => request.destroy(new Error('metrics timeout')));
    request.on('error', reject);
  });
}
