/** Project files that frame the code under test: package manifests and configs as the frameworks generate them. */

export const nextPackage = JSON.stringify(
  { name: 'team-chat', private: true, dependencies: { next: '15.1.0', react: '19.0.0', '@supabase/supabase-js': '2.47.10', '@supabase/ssr': '0.5.2' } },
  null,
  2,
);

export const nextTsconfig = JSON.stringify({ compilerOptions: { strict: true, jsx: 'preserve', baseUrl: '.', paths: { '@/*': ['./*'] } } }, null, 2);

export const vitePackage = JSON.stringify(
  { name: 'chat-spa', private: true, type: 'module', dependencies: { react: '18.3.1', '@supabase/supabase-js': '2.47.10' }, devDependencies: { vite: '6.0.5' } },
  null,
  2,
);

export const expoPackage = JSON.stringify(
  { name: 'chat-mobile', private: true, dependencies: { expo: '52.0.0', 'react-native': '0.76.5', '@supabase/supabase-js': '2.47.10' } },
  null,
  2,
);

export const svelteKitPackage = JSON.stringify(
  { name: 'chat-kit', private: true, devDependencies: { '@sveltejs/kit': '2.15.0', vite: '6.0.5' }, dependencies: { '@supabase/supabase-js': '2.47.10' } },
  null,
  2,
);

/** A Next.js project shell: package.json, tsconfig with the `@/*` alias, and the usual .env.local. */
export function nextApp(files: Record<string, string>, envLocal = 'NEXT_PUBLIC_SUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co\nNEXT_PUBLIC_SUPABASE_ANON_KEY=\nSUPABASE_SERVICE_ROLE_KEY=\n'): Record<string, string> {
  return { 'package.json': nextPackage, 'tsconfig.json': nextTsconfig, '.env.local': envLocal, ...files };
}
