import { html } from "htm/preact";
import { render } from "preact";
import { App } from "./ui/app";

render(html`<${App} />`, document.getElementById("app") as HTMLElement);
