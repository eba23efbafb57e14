import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';
import { MobileApp } from './app';

// antd-mobile 5 renders Toast and Dialog through ReactDOM.render, which React 19 removed;
// this is the adapter its React 19 guide prescribes.
unstableSetRender((node, container) => {
  const host = container as Element & { _root?: Root };
  host._root ??= createRoot(host);
  const root = host._root;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
  };
});

createRoot(document.getElementById('root')!).render(<MobileApp />);
