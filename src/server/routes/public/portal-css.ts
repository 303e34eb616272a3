// The portal's one stylesheet, served from /public/assets/portal.css (no inline styles, cacheable). Mobile first
// (works from 320px), logical properties only so Arabic and Urdu mirror by themselves, visible focus, AA contrast.
export const PORTAL_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Bengali","Noto Sans CJK SC","Noto Sans KR","Noto Naskh Arabic","DejaVu Sans",Arial,sans-serif;font-size:1.0625rem;line-height:1.55;color:#1b1f24;background:#f4f5f7}
:lang(ur){font-family:"Noto Nastaliq Urdu","Jameel Noori Nastaleeq","Noto Naskh Arabic","DejaVu Sans",serif;line-height:2}
:lang(ar){line-height:1.8}
.wrap{max-inline-size:42rem;margin-inline:auto;padding-inline:1rem}
a{color:#0b4fb3;text-underline-offset:.15em}
a:hover{color:#083b86}
:focus-visible{outline:3px solid #ffbf47;outline-offset:2px;box-shadow:0 0 0 6px #1b1f24}
a:focus-visible{background:#ffbf47;color:#1b1f24;box-shadow:none;outline-color:#1b1f24}
.skip{position:absolute;inset-inline-start:.5rem;inset-block-start:-4rem;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{inset-block-start:.5rem}
.site-header{background:#0b3d6e;color:#fff;padding-block:.75rem}
.site-header .agency{margin:0 0 .5rem;font-weight:700;font-size:1.125rem}
.languages{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .5rem}
.languages a{display:inline-block;color:#fff;padding:.3rem .5rem;min-block-size:44px;line-height:2;border-radius:4px;text-decoration:underline}
.languages a[aria-current]{background:#fff;color:#0b3d6e;text-decoration:none;font-weight:700}
.languages a:focus-visible{background:#ffbf47;color:#1b1f24}
main{display:block;background:#fff;padding-block:1.25rem 2rem;margin-block:0;min-block-size:60vh}
main:focus{outline:none}
h1{font-size:1.625rem;line-height:1.25;margin-block:0 .75rem}
h2{font-size:1.25rem;margin-block:1.5rem .5rem}
p{margin-block:0 1rem}
.lead{font-size:1.125rem}
.field{margin-block-end:1.5rem}
label,legend{display:block;font-weight:700;margin-block-end:.25rem}
legend{padding:0;font-size:1.0625rem}
fieldset{border:0;margin:0 0 1.5rem;padding:0;min-inline-size:0}
fieldset>.field:last-child{margin-block-end:0}
input,select,textarea,fieldset{scroll-margin-block-start:8rem}
.marker{font-weight:400;color:#4a5361}
.hint{display:block;color:#4a5361;margin-block-end:.35rem;font-weight:400}
.error-message{display:block;color:#b00020;font-weight:700;margin-block-end:.35rem}
input[type=text],input[type=email],input[type=tel],input[type=file],select,textarea{display:block;inline-size:100%;max-inline-size:100%;font:inherit;color:inherit;padding:.55rem .6rem;border:2px solid #4a5361;border-radius:4px;background:#fff;min-block-size:44px}
input[type=file]{padding:.4rem;border-style:dashed}
textarea{min-block-size:10rem;resize:vertical}
[aria-invalid=true]{border-color:#b00020;border-inline-start-width:6px}
.choice{display:flex;align-items:flex-start;gap:.6rem;margin-block-end:.5rem;font-weight:400}
.choice input{inline-size:1.5rem;block-size:1.5rem;margin:.1rem 0 0;flex:none;accent-color:#0b4fb3}
.choice label{font-weight:400;margin:0}
.field-error{border-inline-start:6px solid #b00020;padding-inline-start:.75rem}
.error-summary{border:4px solid #b00020;padding:1rem;margin-block-end:1.5rem}
.error-summary:focus{outline:3px solid #ffbf47}
.error-summary h2{margin-block-start:0;color:#1b1f24}
.error-summary ul{margin:0;padding-inline-start:1.25rem}
.error-summary a{color:#b00020;font-weight:700}
button,.button{display:inline-block;font:inherit;font-weight:700;color:#fff;background:#0b6e3d;border:0;border-radius:4px;padding:.7rem 1.5rem;min-block-size:48px;cursor:pointer;box-shadow:0 3px 0 #063d22;text-decoration:none}
button:hover{background:#095a32}
button:focus-visible{background:#ffbf47;color:#1b1f24;box-shadow:0 3px 0 #1b1f24;outline:3px solid #1b1f24}
.panel{background:#0b6e3d;color:#fff;padding:1.25rem;border-radius:4px;margin-block-end:1.5rem;text-align:center}
.panel h1{color:#fff}
.panel .number{display:block;font-size:1.75rem;font-weight:700;letter-spacing:.02em;overflow-wrap:anywhere}
.url{display:block;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9375rem;background:#f4f5f7;padding:.5rem;overflow-wrap:anywhere;border-radius:4px;margin-block-end:1rem}
.facts{margin:0 0 1.5rem;display:grid;grid-template-columns:1fr;gap:.25rem 1rem}
.facts dt{font-weight:700}
.facts dd{margin:0 0 .75rem}
@media (min-width:34rem){.facts{grid-template-columns:max-content 1fr}.facts dd{margin:0}}
.state{font-size:1.125rem;font-weight:700}
.updates{list-style:none;padding:0;margin:0}
.updates li{border-inline-start:4px solid #0b3d6e;padding-inline-start:.75rem;margin-block-end:1rem}
.updates .date{color:#4a5361;margin:0}
.updates .body{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}
.visually-hidden{position:absolute!important;inline-size:1px;block-size:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.hp{position:absolute;inset-inline-start:-10000px;inline-size:1px;block-size:1px;overflow:hidden}
footer{padding-block:1.25rem;color:#4a5361}
[dir=ltr].ltr-value,.ltr-value{unicode-bidi:isolate}
`;
