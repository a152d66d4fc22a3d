import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import * as graphiql from '@graphql-yoga/render-graphiql/graphiql';

/** What the IDE opens with when nothing is stored in the browser yet. */
const DEFAULT_QUERY = `# Xecution GraphiQL: paste your accessToken into Headers below (Authorization: Bearer …).
# Get one with the login mutation. Mentors: list your mentees, then explore one with user(id).
query Dashboard {
  mentees {
    user { id displayName timezone }
    risk adherence7 adherence30 currentStreak longestStreak daysSinceLastCheckIn
    series { date checkedIn xp }
  }
}
`;

const DEFAULT_HEADERS = `{
  "Authorization": "Bearer <paste your accessToken here>"
}`;

/**
 * The browser side: GraphiQL (bundled by @graphql-yoga/render-graphiql, every asset inlined, nothing
 * loaded from a CDN) posting to /graphql, with subscriptions over graphql-ws at ws(s)://host/graphql.
 * A browser WebSocket cannot carry headers, so the Authorization typed into the headers editor is sent
 * as `connectionParams.authorization`: the script keeps the last one edited or sent over HTTP.
 */
function boot(options: Record<string, unknown>): string {
  const json = JSON.stringify(options).replace(/</g, '\\u003c');
  return `
    var authorization = null;
    function remember(headers) {
      if (!headers) return;
      try {
        var parsed = typeof headers === 'string' ? JSON.parse(headers) : headers;
        if (typeof parsed.get === 'function') { authorization = parsed.get('authorization') || authorization; return; }
        for (var key in parsed) if (key.toLowerCase() === 'authorization') authorization = parsed[key];
      } catch (e) { /* half-typed JSON: keep the previous value */ }
    }
    var originalFetch = window.fetch.bind(window);
    window.fetch = function (input, init) { remember(init && init.headers); return originalFetch(input, init); };
    var options = ${json};
    options.onEditHeaders = remember;
    options.connectionParams = function () { return authorization ? { authorization: authorization } : {}; };
    YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), options);`;
}

function renderIde(): string {
  const options = {
    title: 'Xecution GraphiQL',
    endpoint: '/graphql',
    subscriptionsProtocol: 'WS',
    defaultQuery: DEFAULT_QUERY,
    defaultHeaders: DEFAULT_HEADERS,
    shouldPersistHeaders: true,
  };
  const worker = (source: string) => JSON.stringify(source).replace(/<\//g, '<\\/');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Xecution GraphiQL</title>
    <link rel="icon" href="${graphiql.favicon}" />
    <style>${graphiql.css}</style>
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run the Xecution IDE.</noscript>
    <div id="root"></div>
    <script>
      function prepareBlob(source) {
        return URL.createObjectURL(new Blob([source], { type: 'application/javascript' }));
      }
      var workers = {
        editorWorkerService: prepareBlob(${worker(graphiql.editorWorkerService)}),
        json: prepareBlob(${worker(graphiql.jsonWorker)}),
        graphql: prepareBlob(${worker(graphiql.graphqlWorker)}),
      };
      self['MonacoEnvironment'] = { globalAPI: false, getWorkerUrl: function (_moduleId, label) { return workers[label]; } };
      ${graphiql.js};
      ${boot(options)}
    </script>
  </body>
</html>`;
}

let page: string | undefined;

/**
 * GET /graphql from a browser (Accept: text/html) opens GraphiQL served by the API itself, working
 * offline. When disabled, no landing page at all (never Apollo's CDN-loaded Sandbox).
 */
export function graphqlIdePlugin(enabled: boolean): ApolloServerPlugin {
  if (!enabled) return ApolloServerPluginLandingPageDisabled();
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: async () => (page ??= renderIde()) };
        },
      };
    },
  };
}
