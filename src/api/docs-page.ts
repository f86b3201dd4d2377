/**
 * The look of the API reference at `/docs`: Swagger UI in the console's colours, titled
 * "Symphony API", its top bar led by the Symphony wordmark, which links back to the console.
 */
import type { FastifySwaggerUiOptions } from '@fastify/swagger-ui'

/** The wordmark of the top bar (SVG text in the console's bar colours). */
const wordmark = `<svg xmlns="http://www.w3.org/2000/svg" width="150" height="32" viewBox="0 0 150 32" role="img" aria-label="Symphony">
<text x="0" y="23" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="22" font-weight="700" letter-spacing=".4" fill="#ffffff">Symphony</text>
</svg>`

/** The tab's icon: an "S" on the console's accent colour. */
const icon = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#1f5fbf"/>
<text x="16" y="23" text-anchor="middle" font-family="system-ui, sans-serif" font-size="20" font-weight="700" fill="#ffffff">S</text>
</svg>`

/** The console's bar, accent and text colours over Swagger UI's defaults. */
const css = `
.swagger-ui .topbar { background: #17203a; padding: .6rem 0; }
.swagger-ui .topbar .download-url-wrapper .download-url-button { background: #1f5fbf; }
.swagger-ui .topbar .download-url-wrapper input[type=text] { border-color: #1f5fbf; }
.swagger-ui .info .title, .swagger-ui .opblock-tag { color: #1d2230; }
.swagger-ui a.nostyle, .swagger-ui .info a { color: #1f5fbf; }
.swagger-ui .btn.authorize { color: #1f5fbf; border-color: #1f5fbf; }
.swagger-ui .btn.authorize svg { fill: #1f5fbf; }
body { background: #f6f7fb; margin: 0; }
`

/** Swagger UI's options for `/docs`. */
export const docsPage: Pick<FastifySwaggerUiOptions, 'theme' | 'logo'> = {
  theme: {
    title: 'Symphony API',
    css: [{ filename: 'symphony.css', content: css }],
    favicon: [{ filename: 'symphony.svg', rel: 'icon', sizes: '32x32', type: 'image/svg+xml', content: icon }]
  },
  logo: { type: 'image/svg+xml', content: wordmark, href: '/' }
}
