import { mount } from 'svelte';
import App from './App.svelte';
import { uiReady } from './api';
import { markReady } from './startup';

// The page's code runs: the start-up figure's step between the shell's window and the UI's work.
markReady('script', uiReady);

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app');
export default mount(App, { target });
